package io.graygate.alerting;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * config/alerts.yaml: the webhook channels, the escalation levels (level 0 first), retries, the stale-data
 * watch and the base URL put into links.
 *
 * @param linkBase graygate serve's address as people reach it, or null for no links
 */
public record AlertConfig(Map<String, Channel> channels, List<EscalationLevel> escalation, DeliveryPolicy delivery,
                          StaleDataPolicy staleData, URI linkBase) {
    public AlertConfig {
        channels = Map.copyOf(channels);
        escalation = List.copyOf(escalation);
    }

    public Channel channel(String name) {
        return channels.get(name);
    }
}
