import AthanorTestSupport
import Foundation
import Testing

@Suite struct PseudoTerminalTests {
    @Test func typesAndReadsBackThroughCat() throws {
        let terminal = try PseudoTerminal(executable: "/bin/cat")
        terminal.send("hello pty")
        terminal.send(key: .enter)
        try terminal.readUntil("hello pty\r\n")  // the terminal's echo
        let copy = try terminal.readUntil("hello pty\r\n")  // cat's own output
        #expect(copy == "hello pty\r\n")
    }

    @Test func ctrlCIsSIGINTForACookedTerminal() throws {
        let terminal = try PseudoTerminal(executable: "/bin/cat")
        terminal.send("x")
        try terminal.readUntil("x")
        terminal.send(key: .ctrlC)
        #expect(try terminal.waitForExit() == 128 + SIGINT)
    }

    @Test func ctrlDEndsInput() throws {
        let terminal = try PseudoTerminal(executable: "/bin/cat")
        terminal.send(key: .ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func drivesAnInteractiveShell() throws {
        let terminal = try PseudoTerminal(
            executable: "/bin/bash", arguments: ["--norc", "--noprofile", "-i"],
            environment: ["PS1": "sh$ ", "TERM": "dumb", "PATH": "/usr/bin:/bin"])
        try terminal.readUntil("sh$ ")
        terminal.send("echo $((6 * 7))")
        terminal.send(key: .enter)
        let output = try terminal.readUntil("sh$ ")
        #expect(output.contains("42\r\n"))
        // The job says when it runs (and so owns the terminal); a ^C sent earlier would reach only the shell.
        terminal.send("/bin/sh -c 'echo st\"\"arted; exec sleep 30'")
        terminal.send(key: .enter)
        try terminal.readUntil("started\r\n")
        terminal.send(key: .ctrlC)  // interrupts the job, not the shell
        try terminal.readUntil("sh$ ")
        terminal.send("exit 3")
        terminal.send(key: .enter)
        #expect(try terminal.waitForExit() == 3)
    }

    @Test func timesOutWithTheOutputSoFar() throws {
        let terminal = try PseudoTerminal(executable: "/bin/cat")
        terminal.send("partial")
        let error = #expect(throws: PseudoTerminalError.self) {
            try terminal.readUntil("never", timeout: .milliseconds(200))
        }
        #expect(error?.code == .timedOut(waitingFor: "never"))
        #expect(error?.output == "partial")
    }

    @Test func aMissingProgramFailsToSpawn() {
        #expect(throws: PseudoTerminalError.self) { try PseudoTerminal(executable: "/no/such/program") }
    }
}
