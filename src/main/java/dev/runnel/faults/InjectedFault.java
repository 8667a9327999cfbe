package dev.runnel.faults;

/** A ServiceUnavailable answer injected on purpose (the other injectable errors are Kinesis exceptions). */
public final class InjectedFault extends RuntimeException {

    public InjectedFault(String message) {
        super(message, null, false, false);
    }
}
