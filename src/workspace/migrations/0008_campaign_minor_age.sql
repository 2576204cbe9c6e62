-- tactful workspace schema: a campaign's minor age and country.
-- `minor_age` is the campaign's own age below which contacts are excluded as minors
-- (13 to 21); NULL takes the country's digital age of consent, else 16. `country` is
-- an ISO 3166-1 alpha-2 code from assets/minor-age.toml, or NULL. Existing campaigns
-- keep NULL in both, so they run as before, with the default of 16.
ALTER TABLE campaigns ADD COLUMN minor_age INTEGER
    CHECK (minor_age IS NULL OR minor_age BETWEEN 13 AND 21);
ALTER TABLE campaigns ADD COLUMN country TEXT;
