/**
 * DynamoDB's expression language for the lease store, in plain Java: condition and filter expressions, update,
 * projection and key condition expressions, and the legacy parameters ({@code Expected}, {@code AttributeUpdates},
 * filters, {@code KeyConditions}, {@code AttributesToGet}) that the Kinesis Client Library still sends.
 *
 * <p>Entry points: {@link dev.runnel.leasestore.expression.ExpressionContext} (one per request) and
 * {@link dev.runnel.leasestore.expression.LegacyParameters}. They return immutable
 * {@link dev.runnel.leasestore.expression.Condition}, {@link dev.runnel.leasestore.expression.Update},
 * {@link dev.runnel.leasestore.expression.Projection} and {@link dev.runnel.leasestore.expression.KeyCondition}
 * values. Every bad input gives a {@link dev.runnel.leasestore.model.ValidationException} worded as DynamoDB words
 * it; no other exception escapes. Reserved words are not refused (DynamoDB refuses {@code status} or {@code key} as
 * bare attribute names; clients that work against DynamoDB never send them, and KCL's own names are not reserved).
 *
 * <p>Inside: a {@code Tokenizer}, recursive-descent parsers ({@code ConditionParser}, {@code UpdateParser},
 * {@code ProjectionParser}, {@code KeyConditionParser}) building small syntax trees ({@code ConditionNode},
 * {@code Operand}, {@code UpdateAction}, {@code UpdateValue}, {@code Path}) that evaluate themselves.
 */
package dev.runnel.leasestore.expression;
