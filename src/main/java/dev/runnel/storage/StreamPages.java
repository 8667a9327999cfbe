package dev.runnel.storage;

import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/** {@link StreamCatalog#list} for the adapters that keep their streams in a sorted map, as both do. */
public final class StreamPages {

    private StreamPages() {}

    /** Streams after {@code exclusiveStart} (null: from the first), at most {@code limit}, in name order. */
    public static List<Stream> page(NavigableMap<StreamName, Stream> streams, StreamName exclusiveStart, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        NavigableMap<StreamName, Stream> view =
                exclusiveStart == null ? streams : streams.tailMap(exclusiveStart, false);
        List<Stream> page = new ArrayList<>(Math.min(limit, 128));
        for (Stream stream : view.values()) {
            if (page.size() == limit) {
                break;
            }
            page.add(stream);
        }
        return page;
    }
}
