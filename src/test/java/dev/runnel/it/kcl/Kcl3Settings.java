package dev.runnel.it.kcl;

import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/**
 * What only KCL 3 has, tuned so a worker reaches its first record, rebalances and fails over in seconds. Loaded
 * only in KCL 3 mode: on KCL 2 these methods do not exist.
 */
final class Kcl3Settings {

    private Kcl3Settings() {}

    static void apply(LeaseManagementConfig leases, CoordinatorConfig coordinator) {
        leases.leaseAssignmentIntervalMillis(1_000L)
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(3_000)
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(1_000);
        leases.workerUtilizationAwareAssignmentConfig()
                .inMemoryWorkerMetricsCaptureFrequencyMillis(200)
                .workerMetricsReporterFreqInMillis(1_000);
        leases.gracefulLeaseHandoffConfig().gracefulLeaseHandoffTimeoutMillis(5_000);
        coordinator.clientVersionConfig(CoordinatorConfig.ClientVersionConfig.CLIENT_VERSION_CONFIG_3X);
    }
}
