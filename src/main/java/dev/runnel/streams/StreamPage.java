package dev.runnel.streams;

import dev.runnel.core.stream.Stream;
import java.util.List;

/** One page of streams in name order, and whether more follow. */
public record StreamPage(List<Stream> streams, boolean hasMore) {}
