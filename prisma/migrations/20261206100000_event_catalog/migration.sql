-- The event catalog (see lib/data/event-catalog.ts): event names, property keys, JSON types, last seen.
CREATE TABLE "event_catalog" (
    "event" TEXT NOT NULL,
    "property" TEXT NOT NULL DEFAULT '',
    "value_type" TEXT NOT NULL DEFAULT '',
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "event_catalog_pkey" PRIMARY KEY ("event","property","value_type")
);

-- Backfill from the events already stored (one pass; ingest keeps it current from now on), with the
-- same rules as catalogEntriesOf(): track names, $pageview, $screen; non-CRM sources; top-level keys
-- of non-null values; names and keys up to 200 characters; at most 500 property rows per event.
WITH named AS (
    SELECT CASE e.type WHEN 'track' THEN e.event WHEN 'page' THEN '$pageview' WHEN 'screen' THEN '$screen' END AS event,
        e.properties, e.received_at
    FROM "events" e JOIN "sources" s ON s.id = e.source_id AND s.kind <> 'crm'
    WHERE e.type IN ('track', 'page', 'screen')
)
INSERT INTO "event_catalog" ("event", "property", "value_type", "first_seen_at", "last_seen_at")
SELECT event, '', '', min(received_at), max(received_at)
FROM named WHERE event IS NOT NULL AND event <> '' AND length(event) <= 200
GROUP BY event;

WITH named AS (
    SELECT CASE e.type WHEN 'track' THEN e.event WHEN 'page' THEN '$pageview' WHEN 'screen' THEN '$screen' END AS event,
        e.properties, e.received_at
    FROM "events" e JOIN "sources" s ON s.id = e.source_id AND s.kind <> 'crm'
    WHERE e.type IN ('track', 'page', 'screen') AND jsonb_typeof(e.properties) = 'object'
),
props AS (
    SELECT n.event, kv.key AS property, jsonb_typeof(kv.value) AS value_type, min(n.received_at) AS first_seen_at, max(n.received_at) AS last_seen_at,
        count(*) AS n
    FROM named n CROSS JOIN LATERAL jsonb_each(n.properties) kv
    WHERE n.event IS NOT NULL AND n.event <> '' AND length(n.event) <= 200 AND length(kv.key) BETWEEN 1 AND 200 AND jsonb_typeof(kv.value) <> 'null'
    GROUP BY n.event, kv.key, jsonb_typeof(kv.value)
)
INSERT INTO "event_catalog" ("event", "property", "value_type", "first_seen_at", "last_seen_at")
SELECT event, property, value_type, first_seen_at, last_seen_at
FROM (SELECT p.*, row_number() OVER (PARTITION BY event ORDER BY n DESC, property, value_type) AS rank FROM props p) r
WHERE rank <= 500;
