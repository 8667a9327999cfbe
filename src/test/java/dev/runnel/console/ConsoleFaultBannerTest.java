package dev.runnel.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.stream.StreamName;
import dev.runnel.faults.FaultInjection;
import dev.runnel.insight.Insights;
import dev.runnel.streams.StreamService;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Every console page says whether fault injection is on, as FaultInjection reports it. */
@RestSliceTest({StreamsConsoleController.class, StreamConsoleController.class})
class ConsoleFaultBannerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    FaultInjection faults;

    @Autowired
    StreamService streams;

    @Autowired
    Insights insights;

    @BeforeEach
    void answerViews() {
        CannedStreams.answerViews(streams);
        CannedStreams.answerQuietly(insights);
        when(streams.describe(StreamName.of("faulty"))).thenReturn(CannedStreams.active("faulty", 1));
    }

    @Test
    void everyPageSaysWhenFaultsAreInjected() throws Exception {
        when(faults.isEnabled()).thenReturn(true);
        for (String page : new String[] {"/console", "/console/streams/faulty"}) {
            mvc.perform(get(page))
                    .andExpect(status().isOk())
                    .andExpect(model().attribute("faultsEnabled", true))
                    .andExpect(content().string(containsString("Fault injection is on")));
        }
    }

    @Test
    void noPageMentionsFaultsWhenNoneAreInjected() throws Exception {
        when(faults.isEnabled()).thenReturn(false);
        for (String page : new String[] {"/console", "/console/streams/faulty"}) {
            mvc.perform(get(page))
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("Fault injection is on"))));
        }
    }

    @Test
    void errorPagesSayItToo() throws Exception {
        when(faults.isEnabled()).thenReturn(true);
        when(streams.describe(StreamName.of("gone")))
                .thenThrow(new ResourceNotFoundException("Stream gone not found."));
        mvc.perform(get("/console/streams/gone"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Stream gone not found.")))
                .andExpect(content().string(containsString("Fault injection is on")));
    }
}
