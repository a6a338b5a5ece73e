package io.loonflow.bpmn.config;

import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current Spring transaction: created on first use, unbound when the
 * transaction completes (committed or rolled back), so the next transaction on the thread starts afresh.
 */
public final class TransactionScoped {

    private TransactionScoped() {
    }

    /** The transaction's value under {@code key}, made by {@code factory} on first use; null outside a transaction. */
    @SuppressWarnings("unchecked")
    public static <T> T get(Object key, Supplier<T> factory) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        T value = (T) TransactionSynchronizationManager.getResource(key);
        if (value == null) {
            value = factory.get();
            TransactionSynchronizationManager.bindResource(key, value);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        return value;
    }

    /** The transaction's value under {@code key} if one was made; null otherwise. */
    @SuppressWarnings("unchecked")
    public static <T> T peek(Object key) {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (T) TransactionSynchronizationManager.getResource(key) : null;
    }
}
