-- tactful workspace schema: the name a campaign's holdout is drawn from. A rename
-- keeps it, so the control group stays the same contacts; NULL means the campaign's
-- own name (every campaign before this migration, and every one never renamed).
ALTER TABLE campaigns ADD COLUMN holdout_seed TEXT;
