import Foundation
import GauntletCLI

exit(await Gauntlet.run(arguments: Array(CommandLine.arguments.dropFirst())))
