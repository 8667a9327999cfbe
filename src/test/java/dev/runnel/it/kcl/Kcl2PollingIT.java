package dev.runnel.it.kcl;

/** The KCL scenario with KCL 2 (2.7.2, its jar swapped in), polling (GetRecords); worker A is killed with SIGKILL. */
class Kcl2PollingIT extends KclScenario {

    @Override
    int kclVersion() {
        return 2;
    }

    @Override
    boolean fanOut() {
        return false;
    }

    @Override
    boolean killWorkerA() {
        return true;
    }
}
