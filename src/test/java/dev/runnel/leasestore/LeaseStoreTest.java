package dev.runnel.leasestore;

import static dev.runnel.leasestore.model.AttributeValue.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.LimitExceededException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseStoreTest {

    private final LeaseStore store = new LeaseStore("000000000000", 2, 64 * 1024, InstantSource.fixed(Instant.EPOCH));

    private static NewTable table(String name) {
        return new NewTable(
                name,
                List.of(new NewTable.KeyElement("leaseKey", "HASH")),
                Map.of("leaseKey", "S"),
                "PAY_PER_REQUEST",
                null,
                null,
                List.of(),
                false);
    }

    @Test
    void regionsKeepTheirOwnTablesButShareOneBudget() {
        store.region("us-east-1").create(table("leases"));
        store.region("eu-west-1").create(table("leases"));
        assertThat(store.region("us-east-1").names(null, 10)).containsExactly("leases");
        assertThatThrownBy(() -> store.region("ap-south-1").create(table("leases")))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("at most 2 tables");
        Map<String, AttributeValue> big = Map.of("leaseKey", s("a"), "payload", s("x".repeat(40 * 1024)));
        store.region("us-east-1").put("leases", big, null, false);
        assertThatThrownBy(() -> store.region("eu-west-1").put("leases", big, null, false))
                .isInstanceOf(LimitExceededException.class);
        store.region("us-east-1").delete("leases");
        store.region("eu-west-1").put("leases", big, null, false);
        store.region("ap-south-1").create(table("leases"));
        assertThat(store.regions()).hasSize(3);
    }
}
