#!/usr/bin/env bash
# tests/bench/seed-companies.sh DB COMPANIES — writes COMPANIES companies
# straight into a tenant's SQLite file (migrated by tabctl tenant init
# before), with the sqlite3 shell: one recursive-CTE INSERT, the search index
# filled by the plugin's own triggers. Names "<Word> <Word> N" from small
# lists, domains cN.example, one company in ten in Robotics, cities from ten,
# ~70% verified / 25% pending / 5% rejected, created over 2025; the same data
# on every run. The caller runs ANALYZE. Used by companies-tab.mjs.
set -euo pipefail
DB="$1"
COMPANIES="$2"
# Each property comes from its own multiplicative hash of the row number
# (high bits), so the data are the same on every run.
sqlite3 "$DB" <<SQL
PRAGMA cache_size = -65536;
BEGIN;
WITH RECURSIVE
  seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $COMPANIES),
  h(n, h1, h2, h3, h4) AS (
    SELECT n, ((n * 2654435761) % 4294967296) >> 12, ((n * 2246822519 + 374761393) % 4294967296) >> 12,
           ((n * 3266489917 + 668265263) % 4294967296) >> 12, ((n * 668265263 + 2654435761) % 4294967296) >> 12
    FROM seq),
  p AS (
    SELECT n, h1, h2, h3, h4,
      json_extract('["Northern","Blue","Silver","Atlas","Summit","Harbor","Quantum","Evergreen","Granite","Pioneer",
                     "Crescent","Beacon","Maple","Orbit","Falcon","Meridian"]', '\$[' || (h1 % 16) || ']') AS first,
      json_extract('["Systems","Logistics","Foods","Partners","Labs","Holdings","Networks","Works","Traders","Dynamics",
                     "Outfitters","Health"]', '\$[' || (h2 % 12) || ']') AS second,
      CASE WHEN n % 10 = 0 THEN 'Robotics'
           ELSE json_extract('["Logistics","Retail","Energy","Finance","Healthcare","Media","Travel","Food","Telecom"]',
                             '\$[' || (h3 % 9) || ']') END AS industry,
      json_extract('[["Berlin","DE"],["Paris","FR"],["Lisbon","PT"],["Austin","US"],["Osaka","JP"],["Lagos","NG"],
                     ["Lima","PE"],["Oslo","NO"],["Perth","AU"],["Quito","EC"]]', '\$[' || (h4 % 10) || ']') AS place,
      CASE WHEN h3 % 100 < 70 THEN 'verified' WHEN h3 % 100 < 95 THEN 'pending' ELSE 'rejected' END AS status,
      1735689600000 + (n * 31536000000 / $COMPANIES) AS created_ms  -- 2025, in id order
    FROM h)
INSERT INTO companies (name, domain, status, description, industry, website, support_email, support_phone,
                       support_hours, city, country, size, followers_count, created_by, created_at, updated_at)
SELECT first || ' ' || second || ' ' || n, 'c' || n || '.example', status,
       'The ' || lower(second) || ' of ' || json_extract(place, '\$[0]') || '.', industry,
       'https://c' || n || '.example', 'help@c' || n || '.example', '+1415' || printf('%07d', n % 10000000),
       'Mon-Fri 9-17', json_extract(place, '\$[0]'), json_extract(place, '\$[1]'),
       json_extract('["1-10","11-50","51-200","201-500","501-1000","1001-5000"]', '\$[' || (h1 % 6) || ']'),
       h2 % 500, 'seed',
       strftime('%Y-%m-%dT%H:%M:%fZ', created_ms / 1000.0, 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%fZ', created_ms / 1000.0, 'unixepoch')
FROM p;
COMMIT;
SQL
