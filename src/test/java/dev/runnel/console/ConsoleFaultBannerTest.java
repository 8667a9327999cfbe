package dev.runnel.console;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import dev.runnel.support.RestSliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@RestSliceTest(StreamsConsoleController.class)
@TestPropertySource(
        properties = {
            "runnel.faults.enabled=true",
            "runnel.faults.rules[0].operation=PutRecord",
            "runnel.faults.rules[0].error=InternalFailure",
            "runnel.faults.rules[0].probability=0.5"
        })
class ConsoleFaultBannerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyPageSaysWhenFaultsAreInjected() throws Exception {
        mvc.perform(get("/console")).andExpect(content().string(containsString("Fault injection is on")));
    }
}
