package dev.runnel.console;

import dev.runnel.core.hash.HashKey;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.StreamInsights;
import dev.runnel.streams.StreamService;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * One shard in the stream page's table.
 *
 * @param rangeStartPercent where the shard's hash-key range starts in the 128-bit key space, 0 … 100
 * @param rangeWidthPercent how much of the key space the range covers, 0 … 100
 * @param writePercent writes against the shard's limit (the larger of bytes and records), may exceed 100
 * @param readPercent reads against the shard's 2 MiB/s limit
 * @param closedAt when a closed shard closed, as {@link ConsoleTime} writes it; null while open
 */
public record ShardRow(
        String shardId,
        boolean open,
        String parentShardId,
        String adjacentParentShardId,
        String startingHashKey,
        String endingHashKey,
        double rangeStartPercent,
        double rangeWidthPercent,
        String startingSequenceNumber,
        String endingSequenceNumber,
        long recordCount,
        String closedAt,
        Rate writes,
        Rate reads,
        double writePercent,
        double readPercent,
        boolean hot,
        List<String> hotReasons,
        List<TopKey> topKeys) {

    /** A heavy partition key and its share of the shard's records, e.g. "97%" or "<1%". */
    public record TopKey(String partitionKey, long records, String share) {}

    private static final BigDecimal KEY_SPACE = new BigDecimal(HashKey.KEY_SPACE);

    static ShardRow of(Stream stream, Shard shard, StreamService streams, StreamInsights.ShardInsight insight) {
        double start = percentOfKeySpace(shard.hashKeyRange().start());
        double end = percentOfKeySpace(shard.hashKeyRange().end());
        StreamInsights.Rates rates = insight.rates();
        return new ShardRow(
                shard.id().toString(),
                shard.isOpen(),
                shard.parentShardId().map(Object::toString).orElse(null),
                shard.adjacentParentShardId().map(Object::toString).orElse(null),
                shard.hashKeyRange().start().toString(),
                shard.hashKeyRange().end().toString(),
                start,
                Math.max(end - start, 0),
                SequenceNumber.startOf(stream, shard).toString(),
                SequenceNumber.endOf(stream, shard).map(Object::toString).orElse(null),
                streams.retainedRecordCount(stream, shard),
                ConsoleTime.format(shard.closedAt()),
                new Rate(rates.writeBytesPerSecond(), rates.writeRecordsPerSecond()),
                new Rate(rates.readBytesPerSecond(), rates.readRecordsPerSecond()),
                insight.writeUtilisation() * 100,
                insight.readUtilisation() * 100,
                insight.hot(),
                insight.hotReasons(),
                insight.topKeys().stream()
                        .map(k -> new TopKey(k.partitionKey(), k.records(), share(k.share())))
                        .toList());
    }

    /** e.g. "97%"; "<1%" for a key with a few records among many, which "0%" would hide. */
    static String share(double share) {
        return share > 0 && share < 0.005 ? "<1%" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** The bar's position in CSS, at least a sliver wide so tiny ranges stay visible. */
    public String rangeStyle() {
        return String.format(Locale.ROOT, "left:%.4f%%;width:max(%.4f%%,2px)", rangeStartPercent, rangeWidthPercent);
    }

    /** e.g. "50.0%" of the key space. */
    public String rangeShare() {
        return String.format(Locale.ROOT, "%.1f%%", rangeWidthPercent);
    }

    public String writeText() {
        return String.format(Locale.ROOT, "%.0f%%", writePercent);
    }

    public String readText() {
        return String.format(Locale.ROOT, "%.0f%%", readPercent);
    }

    /** The utilisation bars' fill in CSS, capped at the bar's end. */
    public String writeFill() {
        return String.format(Locale.ROOT, "width:%.1f%%", Math.min(writePercent, 100));
    }

    public String readFill() {
        return String.format(Locale.ROOT, "width:%.1f%%", Math.min(readPercent, 100));
    }

    private static double percentOfKeySpace(HashKey key) {
        return new BigDecimal(key.toBigInteger())
                .multiply(BigDecimal.valueOf(100))
                .divide(KEY_SPACE, MathContext.DECIMAL64)
                .doubleValue();
    }
}
