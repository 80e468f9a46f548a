import AthanorLanguage

/// Foundation also declares `Expression`; within this module the name means the script's syntax.
typealias Expression = AthanorLanguage.Expression
