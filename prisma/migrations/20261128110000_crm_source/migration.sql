-- The built-in "CRM" source: CRM activity is written into the CDP as its events. Its write key is
-- random and unknown to anyone (only a hash is stored); an admin can rotate it to reveal a new one.
INSERT INTO "sources" ("id", "name", "kind", "write_key_hash", "write_key_prefix", "built_in", "allowed_origins")
VALUES ('crm', 'CRM', 'crm', encode(sha256(convert_to(gen_random_uuid()::text || clock_timestamp()::text, 'UTF8')), 'hex'), 'tdm_wk_crm', true, '{}')
ON CONFLICT DO NOTHING;
