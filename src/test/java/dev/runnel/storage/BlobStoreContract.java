package dev.runnel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link BlobStore} adapter must have; {@link #reopen} is the hook for a restart. */
public abstract class BlobStoreContract {

    /** A fresh, empty store. */
    protected abstract BlobStore newStore();

    /** The store as a new process would find it after {@code store} stopped (the same one, for a memory store). */
    protected abstract BlobStore reopen(BlobStore store);

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNewStoreIsEmpty() {
        assertThat(newStore().loadAll()).isEmpty();
    }

    @Test
    void putKeepsTheLastBytesOfEachNameAcrossAReopen() {
        BlobStore store = newStore();
        store.put("leases", bytes("one"));
        store.put("other", bytes("two"));
        store.put("leases", bytes("three"));
        for (BlobStore view : new BlobStore[] {store, reopen(store)}) {
            Map<String, byte[]> all = view.loadAll();
            assertThat(all).containsOnlyKeys("leases", "other");
            assertThat(all.get("leases")).isEqualTo(bytes("three"));
            assertThat(all.get("other")).isEqualTo(bytes("two"));
        }
    }

    @Test
    void deleteRemovesABlobAndAMissingOneIsFine() {
        BlobStore store = newStore();
        store.put("leases", bytes("one"));
        store.put("kept", bytes("two"));
        store.delete("leases");
        store.delete("never-there");
        assertThat(reopen(store).loadAll()).containsOnlyKeys("kept");
        store = reopen(store);
        store.put("leases", bytes("again"));
        assertThat(reopen(store).loadAll().get("leases")).isEqualTo(bytes("again"));
    }

    @Test
    void namesThatDifferOnlyInCaseAreDifferentBlobs() {
        BlobStore store = newStore();
        store.put("Leases", bytes("upper"));
        store.put("leases", bytes("lower"));
        store.put("LEASES", bytes("all upper"));
        store.delete("leases");
        Map<String, byte[]> all = reopen(store).loadAll();
        assertThat(all).containsOnlyKeys("Leases", "LEASES");
        assertThat(all.get("Leases")).isEqualTo(bytes("upper"));
        assertThat(all.get("LEASES")).isEqualTo(bytes("all upper"));
    }

    @Test
    void everyAllowedNameWorksFromOneCharacterTo255() {
        BlobStore store = newStore();
        String longest = "A".repeat(100) + "b".repeat(155);
        String longestLower = "a".repeat(100) + "b".repeat(155);
        String[] names = {"x", ".", "..", "-_.", "Table.With-Mixed_Case.123", longest, longestLower};
        for (String name : names) {
            store.put(name, bytes("value of " + name));
        }
        Map<String, byte[]> all = reopen(store).loadAll();
        assertThat(all).containsOnlyKeys(names);
        for (String name : names) {
            assertThat(all.get(name)).isEqualTo(bytes("value of " + name));
        }
    }

    @Test
    void anyBytesComeBackExactlyEmptyAndLargeIncluded() {
        BlobStore store = newStore();
        byte[] random = new byte[300_000];
        new Random(7).nextBytes(random);
        store.put("random", random);
        store.put("empty", new byte[0]);
        Map<String, byte[]> all = reopen(store).loadAll();
        assertThat(all.get("random")).isEqualTo(random);
        assertThat(all.get("empty")).isEmpty();
    }

    @Test
    void theBytesGivenAndReturnedAreCopies() {
        BlobStore store = newStore();
        byte[] given = bytes("abc");
        store.put("copy", given);
        given[0] = 'z';
        byte[] loaded = store.loadAll().get("copy");
        assertThat(loaded).isEqualTo(bytes("abc"));
        loaded[1] = 'z';
        assertThat(store.loadAll().get("copy")).isEqualTo(bytes("abc"));
    }

    @Test
    void setAsideTakesABlobOutOfTheStoreWithoutLosingALaterPut() {
        BlobStore store = newStore();
        store.put("odd", bytes("unreadable"));
        store.put("fine", bytes("ok"));
        store.setAside("odd");
        store.setAside("missing");
        assertThat(reopen(store).loadAll()).containsOnlyKeys("fine");
        store = reopen(store);
        store.put("odd", bytes("new"));
        store.setAside("odd");
        store.put("odd", bytes("newer"));
        assertThat(reopen(store).loadAll().get("odd")).isEqualTo(bytes("newer"));
    }

    @Test
    void namesOutsideTheCharsetAreRefused() {
        BlobStore store = newStore();
        for (String bad : new String[] {"", "a/b", "a\\b", "tab\tle", "a~b", "é", "x".repeat(256)}) {
            assertThatThrownBy(() -> store.put(bad, bytes("v"))).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.put(null, bytes("v"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(reopen(store).loadAll()).isEmpty();
    }
}
