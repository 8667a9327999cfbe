package dev.runnel.it.kcl;

/** The KCL scenario with KCL 2 (2.7.2, its jar swapped in), enhanced fan-out (SubscribeToShard over h2c; KCL registers the stream consumer); worker A is stopped gracefully. */
class Kcl2FanOutIT extends KclScenario {

    @Override
    int kclVersion() {
        return 2;
    }

    @Override
    boolean fanOut() {
        return true;
    }

    @Override
    boolean killWorkerA() {
        return false;
    }
}
