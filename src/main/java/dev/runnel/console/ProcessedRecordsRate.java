package dev.runnel.console;

/**
 * Where the KCL view gets an application's recent processed-records rate. KCL publishes its {@code
 * RecordsProcessed} metric with CloudWatch's PutMetricData, under a namespace named after the application; once
 * Runnel keeps those metrics, a bean of this type backed by them fills the rate in. Until such a bean exists the
 * console uses {@link #UNKNOWN} and shows "—".
 */
@FunctionalInterface
public interface ProcessedRecordsRate {

    /** No source of the rate: always null. */
    ProcessedRecordsRate UNKNOWN = (applicationName, streamName) -> null;

    /**
     * @param applicationName the KCL application (its lease table's name)
     * @param streamName the stream it reads
     * @return records per second it processed from the stream recently, or null when that is not known
     */
    Double recordsPerSecond(String applicationName, String streamName);
}
