import AthanorCore
import AthanorLanguage
import Testing

@Suite struct SessionSettingsTests {
    @Test func acceptsValuesInRangeAndSwitches() throws {
        let settings = SessionSettings()
        try settings.assign("top", "10")
        try settings.assign("concurrency", "3")
        try settings.assign("color", "off")
        try settings.assign("timing", "on")
        try settings.assign("cache", "on")
        #expect(settings.stream == true, "tokens are shown as they arrive unless switched off")
        try settings.assign("stream", "off")
        #expect(settings.stream == false)
        #expect(settings.top == 10)
        #expect(settings.concurrency == 3)
        #expect(settings.color == false)
        #expect(settings.timing == true)
        #expect(settings.cache == true)
    }

    @Test(arguments: [
        ("top", "30", "top must be between 0 and 20"),
        ("top", "x", "top must be between 0 and 20"),
        ("concurrency", "0", "concurrency must be between 1 and 256"),
        ("color", "maybe", "color must be on or off"),
        ("cache", "refresh", "cache must be on or off"),
        ("stream", "live", "stream must be on or off"),
        ("pager", "less", "pager must be on or off"),
        ("max_cost", "-1", "max_cost must be an amount of US dollars (e.g. 0.50), or off"),
        ("max_cost", "cheap", "max_cost must be an amount of US dollars (e.g. 0.50), or off"),
        (
            "colour", "on",
            "there is no setting 'colour'; settings: concurrency, top, color, timing, cache, stream, max_cost, pager, enqueue"
        ),
    ])
    func rejectsWithASentence(name: String, value: String, message: String) {
        let settings = SessionSettings()
        let error = #expect(throws: SessionSettings.InvalidSetting.self) { try settings.assign(name, value) }
        #expect(error?.description == message)
        #expect(settings.top == 5, "a rejected value changes nothing")
    }

    @Test func concurrencyIsUnsetUntilChosen() {
        #expect(SessionSettings().concurrency == nil)
        #expect(SessionSettings().listing.first { $0.name == "concurrency" }?.value == "default")
    }

    @Test func maxCostIsAnAmountOfDollarsOrOff() throws {
        let settings = SessionSettings()
        #expect(settings.maxCost == nil)
        #expect(settings.listing.first { $0.name == "max_cost" }?.value == "off")
        try settings.assign("max_cost", "$0.25")
        #expect(settings.maxCost == 0.25)
        #expect(settings.listing.first { $0.name == "max_cost" }?.value == "$0.25")
        try settings.assign("max_cost", "0")
        #expect(settings.maxCost == 0)
        try settings.assign("max_cost", "off")
        #expect(settings.maxCost == nil)
    }

    @Test func thePagerIsOnUntilSwitchedOffAndEverySettingIsListed() throws {
        let settings = SessionSettings()
        #expect(settings.pager == true)
        try settings.assign("pager", "off")
        #expect(settings.pager == false)
        #expect(settings.listing.map(\.name) == SettingName.allCases.map(\.rawValue))
        #expect(settings.listing.first { $0.name == "pager" }?.value == "off")
    }
}
