-- tactful workspace schema: a campaign's message locale (`de-DE`), which the `date`
-- and `currency` filters speak; NULL keeps the English defaults.
ALTER TABLE campaigns ADD COLUMN locale TEXT;
