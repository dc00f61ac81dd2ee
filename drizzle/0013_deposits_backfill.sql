-- Leases folded before deposits existed: their required deposit is in the folded state; nothing
-- was held (no deposit payments existed). Payments before purpose existed were all rent (the default).
UPDATE "rm_leases" SET "deposit_required_cents" = ("state"->>'securityDepositCents')::bigint
  WHERE "state" ? 'securityDepositCents';
