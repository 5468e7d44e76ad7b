-- 0007_bureau_key.sql — the bureau's Ed25519 key that signs exported
-- dossiers (docs/dossier-format.md). Made on the first export; the public
-- half is published for anyone verifying a dossier offline. The secret
-- half never leaves the database except into the worker that signs.

CREATE TABLE bureau_key (
	bureau_id	uuid PRIMARY KEY REFERENCES bureau,
	public_key	bytea NOT NULL CHECK (length(public_key) = 32),
	secret_key	bytea NOT NULL CHECK (length(secret_key) = 64),
	created_at	timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE bureau_key IS 'the Ed25519 key signing the bureau''s dossier exports';
COMMENT ON COLUMN bureau_key.bureau_id IS 'the bureau';
COMMENT ON COLUMN bureau_key.public_key IS 'Ed25519 public key (32 bytes), published';
COMMENT ON COLUMN bureau_key.secret_key IS 'Ed25519 secret key (64 bytes, libsodium layout)';
COMMENT ON COLUMN bureau_key.created_at IS 'when it was made';
ALTER TABLE bureau_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY bureau_key_own ON bureau_key USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());
GRANT SELECT, INSERT ON bureau_key TO gs_app;
