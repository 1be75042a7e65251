using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAuth.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Triggers that announce every change able to end a token on the channel
    /// <c>cleanauth_token_state</c>, whoever makes it (any instance, an admin verb, plain SQL).
    /// Notifications are sent when the transaction commits, so a rolled-back change is never
    /// announced. Payloads (JSON): <c>t</c> revoked token (until its expiry), <c>s</c> revoked
    /// session, <c>u</c> user state or deletion, <c>c</c> client state or deletion.
    /// </summary>
    public partial class TokenStateNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION cleanauth_notify_token_state() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    payload json;
                BEGIN
                    IF TG_TABLE_NAME = 'access_tokens' THEN
                        payload := json_build_object('k', 't', 'id', NEW.id, 'until', NEW.expires_at);
                    ELSIF TG_TABLE_NAME = 'refresh_token_families' THEN
                        payload := json_build_object('k', 's', 'id', NEW.id, 'at', NEW.revoked_at);
                    ELSIF TG_TABLE_NAME = 'users' AND TG_OP = 'DELETE' THEN
                        payload := json_build_object('k', 'u', 'id', OLD.id, 'deleted', true);
                    ELSIF TG_TABLE_NAME = 'users' THEN
                        payload := json_build_object(
                            'k', 'u', 'id', NEW.id, 'active', NEW.is_active, 'revoked', NEW.tokens_revoked_at);
                    ELSIF TG_TABLE_NAME = 'api_clients' AND TG_OP = 'DELETE' THEN
                        payload := json_build_object('k', 'c', 'id', OLD.id, 'deleted', true);
                    ELSE
                        payload := json_build_object(
                            'k', 'c', 'id', NEW.id, 'key', NEW.client_key, 'active', NEW.is_active,
                            'expires', NEW.expires_at, 'revoked', NEW.tokens_revoked_at);
                    END IF;

                    PERFORM pg_notify('cleanauth_token_state', payload::text);
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER access_tokens_revoked AFTER UPDATE OF revoked_at ON access_tokens
                    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
                    EXECUTE FUNCTION cleanauth_notify_token_state();

                CREATE TRIGGER sessions_revoked AFTER UPDATE OF revoked_at ON refresh_token_families
                    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
                    EXECUTE FUNCTION cleanauth_notify_token_state();

                CREATE TRIGGER users_added_or_removed AFTER INSERT OR DELETE ON users
                    FOR EACH ROW EXECUTE FUNCTION cleanauth_notify_token_state();

                CREATE TRIGGER users_token_state_changed AFTER UPDATE ON users
                    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active
                        OR OLD.tokens_revoked_at IS DISTINCT FROM NEW.tokens_revoked_at)
                    EXECUTE FUNCTION cleanauth_notify_token_state();

                CREATE TRIGGER api_clients_added_or_removed AFTER INSERT OR DELETE ON api_clients
                    FOR EACH ROW EXECUTE FUNCTION cleanauth_notify_token_state();

                CREATE TRIGGER api_clients_token_state_changed AFTER UPDATE ON api_clients
                    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active
                        OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
                        OR OLD.tokens_revoked_at IS DISTINCT FROM NEW.tokens_revoked_at)
                    EXECUTE FUNCTION cleanauth_notify_token_state();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER api_clients_token_state_changed ON api_clients;
                DROP TRIGGER api_clients_added_or_removed ON api_clients;
                DROP TRIGGER users_token_state_changed ON users;
                DROP TRIGGER users_added_or_removed ON users;
                DROP TRIGGER sessions_revoked ON refresh_token_families;
                DROP TRIGGER access_tokens_revoked ON access_tokens;
                DROP FUNCTION cleanauth_notify_token_state();
                """);
        }
    }
}
