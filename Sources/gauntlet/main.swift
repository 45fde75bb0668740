import Foundation
import GauntletCLI

// First, before any thread starts, so that every thread inherits the blocked signals.
InterruptSignals.route()
exit(await Gauntlet.run(arguments: Array(CommandLine.arguments.dropFirst())))
