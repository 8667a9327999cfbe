package dev.runnel.it.kcl;

import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseAssignmentStrategy;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/**
 * What only KCL 3 has, tuned so a worker reaches its first record, rebalances and fails over in seconds. Loaded
 * only in KCL 3 mode: on KCL 2 these methods do not exist.
 *
 * <p>Leases are balanced by count. KCL 3's default, worker-utilization-aware balancing moves leases only when a
 * worker's CPU or throughput is more than 10% off the fleet average: on a host without a CPU metric KCL knows
 * (no cgroup, EC2, ECS or EKS) and with no records flowing, the throughput is NaN and nothing moves (seen once in
 * seven runs: no open lease reached the second worker within a minute).
 */
final class Kcl3Settings {

    private Kcl3Settings() {}

    static void apply(LeaseManagementConfig leases, CoordinatorConfig coordinator) {
        leases.leaseAssignmentStrategy(LeaseAssignmentStrategy.LEASE_COUNT_BASED)
                .leaseAssignmentIntervalMillis(1_000L)
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(3_000)
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(1_000);
        leases.workerUtilizationAwareAssignmentConfig()
                .inMemoryWorkerMetricsCaptureFrequencyMillis(200)
                .workerMetricsReporterFreqInMillis(1_000);
        leases.gracefulLeaseHandoffConfig().gracefulLeaseHandoffTimeoutMillis(5_000);
        coordinator.clientVersionConfig(CoordinatorConfig.ClientVersionConfig.CLIENT_VERSION_CONFIG_3X);
    }
}
