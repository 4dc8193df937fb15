#!/usr/bin/env bash
# tests/bench/seed-users.sh DB USERS — writes USERS users straight into a
# tenant's SQLite file (migrated by a host before), with the sqlite3 shell:
# one recursive-CTE INSERT (the search index fills by its triggers); the
# caller runs ANALYZE (users.sh times it apart). Names from small lists, emails first.last.N@domainK.example, ~85%
# active / 8% invited / 5% suspended / 2% discarded, mostly agents and
# members, created_at spread over 2025; the same data on every run (ids
# aside). Used by users.sh and users-tab.mjs.
set -euo pipefail
DB="$1"
USERS="$2"
# Each property comes from its own multiplicative hash of the row number
# (high bits), so the data are the same on every run.
sqlite3 "$DB" <<SQL
PRAGMA cache_size = -65536;
BEGIN;
WITH RECURSIVE
  seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $USERS),
  h(n, h1, h2, h3, h4, h5, h6) AS (
    SELECT n, ((n * 2654435761) % 4294967296) >> 12, ((n * 2246822519 + 374761393) % 4294967296) >> 12,
           ((n * 3266489917 + 668265263) % 4294967296) >> 12, ((n * 668265263 + 2654435761) % 4294967296) >> 12,
           ((n * 374761393 + 3266489917) % 4294967296) >> 12, ((n * 2869860233 + 1013904223) % 4294967296) >> 12
    FROM seq),
  p AS (
    SELECT n, h1, h4, h5, h6,
      json_extract('["Ava","Liam","Noah","Emma","Olivia","Mateo","Sofia","Lucas","Amara","Hiroshi","Priya","Tomasz",
                     "Ingrid","Kwame","Leila","Diego","Chloe","Yusuf","Mei","Oskar","Nadia","Rafael","Zara","Elijah"]',
                   '\$[' || (h1 % 24) || ']') AS first,
      json_extract('["Smith","Garcia","Nguyen","Okafor","Kowalski","Lindqvist","Haddad","Tanaka","Moreau","Petrov",
                     "Fischer","Silva","Rahman","Brennan","Johansson"]', '\$[' || (h2 % 15) || ']') AS last,
      1 + h3 % 8 AS domain,
      CASE WHEN h4 % 100 < 85 THEN 'active' WHEN h4 % 100 < 93 THEN 'invited'
           WHEN h4 % 100 < 98 THEN 'suspended' ELSE 'discarded' END AS status,
      CASE WHEN h5 % 100 < 45 THEN 'agent' WHEN h5 % 100 < 80 THEN 'member' WHEN h5 % 100 < 88 THEN 'viewer'
           WHEN h5 % 100 < 93 THEN 'analyst' WHEN h5 % 100 < 98 THEN 'supervisor' ELSE 'admin' END AS user_type,
      1735689600000 + h6 * 30075 + h1 % 30075 AS created_ms  -- 2025-01-01 + up to 365 days (h6 < 2^20)
    FROM h)
INSERT INTO users (id, email, email_key, first_name, last_name, status, password_hash, password_temporary,
                   password_expires_s, totp_secret, totp_enabled, totp_last_step, created_at, last_login_at, phone,
                   external_id, timezone, user_type, roles)
SELECT lower(hex(randomblob(16))),
       lower(first) || '.' || lower(last) || '.' || n || '@domain' || domain || '.example',
       lower(first) || '.' || lower(last) || '.' || n || '@domain' || domain || '.example',
       first, last, status,
       CASE WHEN status = 'invited' THEN '' ELSE '\$argon2id\$v=19\$m=19456,t=2,p=1\$' || substr(hex(randomblob(16)), 1, 22)
            || '\$' || substr(hex(randomblob(32)), 1, 43) END,
       0, 0,
       CASE WHEN status = 'active' AND h4 % 7 = 0 THEN substr(hex(randomblob(20)), 1, 32) ELSE '' END,
       CASE WHEN status = 'active' AND h4 % 7 = 0 THEN 1 ELSE 0 END,
       0,
       strftime('%Y-%m-%dT%H:%M:%fZ', created_ms / 1000.0, 'unixepoch'),
       CASE WHEN status = 'invited' OR h5 % 10 = 0 THEN NULL
            ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (created_ms + (h6 % 1000) * (1767225600000 - created_ms) / 1000) / 1000.0,
                          'unixepoch') END,
       CASE WHEN h6 % 3 = 0 THEN '+1555' || printf('%07d', n % 10000000) ELSE '' END,
       CASE WHEN h5 % 4 = 0 THEN 'hr-' || printf('%06d', n) ELSE '' END,
       CASE h1 % 5 WHEN 0 THEN 'Europe/London' WHEN 1 THEN 'America/New_York' WHEN 2 THEN 'Asia/Tokyo'
                   WHEN 3 THEN 'Europe/Berlin' ELSE 'UTC' END,
       user_type,
       CASE WHEN user_type = 'supervisor' THEN '["team_lead"]' ELSE '[]' END
FROM p;
COMMIT;
SQL
