import PostgresStore
import Testing

/// Whatever shows a connection string shows no password, in either of libpq's forms.
@Suite struct ConnectionRedactionTests {
    @Test(arguments: [
        ("postgresql://me:hunter2@db.example:5432/runs", "postgresql://me:•••@db.example:5432/runs"),
        ("postgres://me:p%40ss@h/db?sslmode=require", "postgres://me:•••@h/db?sslmode=require"),
        ("postgresql://me@h/db?password=hunter2&sslmode=require", "postgresql://me@h/db?password=•••&sslmode=require"),
        ("postgresql:///db?host=/tmp&user=me", "postgresql:///db?host=/tmp&user=me"),
        ("host=h dbname=runs password=hunter2 user=me", "host=h dbname=runs password=••• user=me"),
        ("host=h password = 'two words\\' here' user=me", "host=h password = ••• user=me"),
        ("PASSWORD=hunter2", "PASSWORD=•••"),
        ("dbname=runs", "dbname=runs"),
    ])
    func passwordsAreMasked(conninfo: String, shown: String) {
        let redacted = ConnectionRedaction.redacted(conninfo)
        #expect(!redacted.contains("hunter2") && !redacted.contains("two words") && !redacted.contains("p%40ss"))
        #expect(redacted == shown)
    }
}
