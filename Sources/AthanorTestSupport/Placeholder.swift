// AthanorTestSupport
