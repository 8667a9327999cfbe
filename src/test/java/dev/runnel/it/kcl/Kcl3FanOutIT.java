package dev.runnel.it.kcl;

/** The KCL scenario with KCL 3 (3.5.1, the test classpath), enhanced fan-out (SubscribeToShard over h2c; KCL registers the stream consumer); worker A is killed with SIGKILL. */
class Kcl3FanOutIT extends KclScenario {

    @Override
    int kclVersion() {
        return 3;
    }

    @Override
    boolean fanOut() {
        return true;
    }

    @Override
    boolean killWorkerA() {
        return true;
    }
}
