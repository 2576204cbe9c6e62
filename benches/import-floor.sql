-- The storage floor of an import (README, "Benchmarks", issue 13 item 1, session 6):
-- the rows the sqlite3 shell's `.import --csv FILE t` read into `t.db`, inserted into a
-- workspace's `contacts` table with their typed values, key and consent states computed
-- here in SQL, so no CSV reading, typing, classification or phone parsing is timed.
-- Run in a fresh database holding only the bench workspace's `contacts` schema
-- (`sqlite3 WS .schema contacts`), from the directory holding `t.db`.
PRAGMA cache_size = -65536;
ATTACH 't.db' AS s;
BEGIN;
INSERT INTO contacts (_key, _consent_email, _consent_sms, _batch, _consent_email_ref,
    _consent_sms_ref, customer_id, first_name, last_name, email, accepts_email_marketing,
    company, city, province, country, zip, phone, _e164_phone, _line_phone,
    accepts_sms_marketing, total_spent, total_orders, tags, last_order_date)
SELECT lower("Email"),
    CASE "Accepts Email Marketing" WHEN 'yes' THEN 'granted' ELSE 'declined' END,
    CASE "Accepts SMS Marketing" WHEN 'yes' THEN 'granted' ELSE 'declined' END,
    1, 1, 2, CAST("Customer ID" AS INTEGER), "First Name", "Last Name", "Email",
    "Accepts Email Marketing" = 'yes', nullif("Company", ''), "City", "Province",
    "Country", "Zip", "Phone", '+' || replace(replace("Phone", '+', ''), ' ', ''),
    'mobile', "Accepts SMS Marketing" = 'yes', CAST("Total Spent" AS REAL),
    CAST("Total Orders" AS INTEGER), "Tags", "Last Order Date"
FROM s.t;
COMMIT;
