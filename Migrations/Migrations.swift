/// The database schema's migrations, compiled into the binary so an installed `athanor` can migrate
/// without its source tree. Applied in the order listed; each file runs in its own transaction.
public enum Migrations {
    public struct Migration: Sendable {
        /// The version recorded in `schema_migrations`, e.g. `v0001_initial`.
        public let version: String
        public let sql: String
    }

    public static let all: [Migration] = [
        Migration(version: "v0001_initial", sql: String(decoding: PackageResources.v0001_initial_sql, as: UTF8.self)),
        Migration(
            version: "v0002_response_cache",
            sql: String(decoding: PackageResources.v0002_response_cache_sql, as: UTF8.self)),
        Migration(
            version: "v0003_lz4_results", sql: String(decoding: PackageResources.v0003_lz4_results_sql, as: UTF8.self)),
        Migration(
            version: "v0004_durable_runs", sql: String(decoding: PackageResources.v0004_durable_runs_sql, as: UTF8.self)
        ),
        Migration(
            version: "v0005_logprob_counts",
            sql: String(decoding: PackageResources.v0005_logprob_counts_sql, as: UTF8.self)),
        Migration(
            version: "v0006_results_plan_order",
            sql: String(decoding: PackageResources.v0006_results_plan_order_sql, as: UTF8.self)),
        Migration(version: "v0007_workers", sql: String(decoding: PackageResources.v0007_workers_sql, as: UTF8.self)),
        Migration(version: "v0008_views", sql: String(decoding: PackageResources.v0008_views_sql, as: UTF8.self)),
        Migration(
            version: "v0009_data_files", sql: String(decoding: PackageResources.v0009_data_files_sql, as: UTF8.self)),
        Migration(
            version: "v0010_views_share_coordinates",
            sql: String(decoding: PackageResources.v0010_views_share_coordinates_sql, as: UTF8.self)),
    ]
}
