import ArgumentParser

/// `athanor completions bash|zsh|fish`: the shell's completion script for every command and
/// option, as `athanor --generate-completion-script SHELL` gives it, under a name people look for.
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print the completion script for bash, zsh or fish.",
        discussion: """
            bash: athanor completions bash > ~/.local/share/bash-completion/completions/athanor
            zsh:  athanor completions zsh > "${fpath[1]}/_athanor"
            fish: athanor completions fish > ~/.config/fish/completions/athanor.fish
            """
    )

    @ArgumentParser.Argument(help: "bash, zsh or fish.")
    var shell: CompletionShell

    func run() {
        print(Athanor.completionScript(for: shell))
    }
}

extension CompletionShell: @retroactive ExpressibleByArgument {}
