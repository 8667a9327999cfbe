package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsOperation;
import org.springframework.stereotype.Component;

@Component
class EnableEnhancedMonitoring implements AwsOperation<Monitoring.Input> {

    @Override
    public Object invoke(Monitoring.Input input, AwsContext context) {
        return Monitoring.apply(context, input, true);
    }
}
