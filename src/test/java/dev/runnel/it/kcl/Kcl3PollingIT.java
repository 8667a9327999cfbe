package dev.runnel.it.kcl;

/** The KCL scenario with KCL 3 (3.5.1, the test classpath), polling (GetRecords); worker A is stopped gracefully. */
class Kcl3PollingIT extends KclScenario {

    @Override
    int kclVersion() {
        return 3;
    }

    @Override
    boolean fanOut() {
        return false;
    }

    @Override
    boolean killWorkerA() {
        return false;
    }
}
