package dev.runnel.it.kcl;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Prints each request a worker's DynamoDB or CloudWatch client sends, with its parameters, and how it ended:
 * for finding out what KCL asks of the lease store and the metrics sink, and why it fails. Off unless the
 * worker gets {@code logCalls=true} (the ITs pass {@code -Dkcl.logCalls=true} on).
 */
final class CallLogger implements ExecutionInterceptor {

    private final String service;

    CallLogger(String service) {
        this.service = service;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        System.out.println("CALL " + service + " " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " "
                + context.request());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        System.out.println("DONE " + service + " " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " "
                + context.response());
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        System.out.println("FAILED " + service + " " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)
                + " " + context.exception());
    }
}
