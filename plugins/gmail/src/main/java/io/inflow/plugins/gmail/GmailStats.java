package io.inflow.plugins.gmail;

import io.inflow.api.stats.StatQuery;
import java.util.List;

/** The figures the plugin computes over a connection's records, through its views. */
final class GmailStats {

    static final List<StatQuery> QUERIES = List.of(
            new StatQuery("messages_per_label", "Messages carrying each label, by the label's name (its id when "
                    + "the label is not imported), most first",
                    """
                    SELECT coalesce(l.name, x.label_id) AS label, count(*) AS messages
                    FROM gmail_messages m
                    CROSS JOIN LATERAL unnest(m.label_ids) AS x(label_id)
                    LEFT JOIN gmail_labels l ON l.connection_id = m.connection_id AND l.id = x.label_id
                    WHERE m.connection_id = :connection
                    GROUP BY coalesce(l.name, x.label_id)
                    ORDER BY messages DESC, label
                    """),
            new StatQuery("top_sender_domains", "The ten domains that sent the most messages (the mailbox owner's "
                    + "own, labelled SENT, left out)",
                    """
                    SELECT domain, count(*) AS messages
                    FROM (SELECT lower(substring(m."from" FROM '@([A-Za-z0-9.-]+)')) AS domain
                          FROM gmail_messages m
                          WHERE m.connection_id = :connection AND NOT ('SENT' = ANY (m.label_ids))) AS senders
                    WHERE domain IS NOT NULL
                    GROUP BY domain
                    ORDER BY messages DESC, domain
                    LIMIT 10
                    """),
            new StatQuery("mailbox_totals", "Messages, threads, unread and starred messages imported",
                    """
                    SELECT count(*) AS messages, count(DISTINCT thread_id) AS threads,
                           count(*) FILTER (WHERE 'UNREAD' = ANY (label_ids)) AS unread,
                           count(*) FILTER (WHERE 'STARRED' = ANY (label_ids)) AS starred
                    FROM gmail_messages
                    WHERE connection_id = :connection
                    """));

    private GmailStats() {}
}
