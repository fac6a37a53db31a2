// SQL fragments shared by the deletion (lib/data/privacy.ts) and ingest (lib/data/events.ts): the
// identifiers a raw message payload carries, normalised as lib/identity/identifiers.ts does, and
// whether one of them is on the suppression list (SHA-256 hex of `type:value`, one primary-key probe
// each; nothing is hashed when the list is empty).

const phone = (x: string) => `(CASE WHEN left(trim(${x}), 1) = '+' THEN '+' ELSE '' END) || regexp_replace(${x}, '\\D', '', 'g')`;

/** A raw payload's identifiers as normalised `type:value` text[] (NULL elements where absent). */
export const payloadIdentifiers = (p: string) => `(ARRAY[
    'user_id:' || trim(${p}->>'userId'), 'anonymous_id:' || trim(${p}->>'anonymousId'),
    'user_id:' || trim(${p}->>'previousId'), 'anonymous_id:' || trim(${p}->>'previousId'),
    'email:' || lower(trim(${p}->'traits'->>'email')), 'email:' || lower(trim(${p}->'context'->'traits'->>'email')),
    'phone:' || ${phone(`(${p}->'traits'->>'phone')`)}, 'phone:' || ${phone(`(${p}->'context'->'traits'->>'phone')`)}]
  || ARRAY(SELECT lower(trim(x->>'type')) || ':' || trim(x->>'id') FROM jsonb_array_elements(
       CASE WHEN jsonb_typeof(${p}->'context'->'externalIds') = 'array' THEN ${p}->'context'->'externalIds' ELSE '[]'::jsonb END) AS x))`;

/**
 * Whether `typed` (SQL text `type:value`) is on the suppression list: one primary-key probe of its
 * SHA-256 hex (lib/privacy/identifier.ts identifierHash), as a scalar subquery so the planner never
 * turns it into a join that reads the whole list.
 */
export const isSuppressed = (typed: string) =>
  `(SELECT s.hash FROM suppressions s WHERE s.hash = encode(sha256(convert_to(${typed}, 'UTF8')), 'hex')) IS NOT NULL`;

/** Whether the (jsonb) payload carries a suppressed identifier. */
export const payloadSuppressed = (p: string) => `(EXISTS (SELECT 1 FROM suppressions) AND jsonb_typeof(${p}) = 'object'
  AND EXISTS (SELECT 1 FROM unnest(${payloadIdentifiers(p)}) AS i(v)
               WHERE i.v IS NOT NULL AND ${isSuppressed("i.v")}))`;
