package io.laneway.pool.processing;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import jakarta.persistence.EntityManagerFactory;

/**
 * Processing runs on a plain JDBC transaction manager: it supports savepoints (one per envelope), which
 * the JPA manager does not, and the hot path needs no entity manager. JPA keeps its own manager (primary)
 * for the operator-facing repositories.
 */
@Configuration
class TransactionManagers {

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    DataSourceTransactionManager batchTransactionManager(DataSource dataSource) {
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
        manager.setNestedTransactionAllowed(true);
        return manager;
    }

    @Bean
    TransactionTemplate batchTransactions(@Qualifier("batchTransactionManager") DataSourceTransactionManager manager) {
        return new TransactionTemplate(manager);
    }
}
