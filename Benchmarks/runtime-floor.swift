// The least memory a Swift program holds that links Foundation (as gauntlet does) and loads
// libcurl with its TLS libraries, and does nothing else: the floor under `gauntlet load`'s fixed
// memory, which Scripts/benchmark-load measures beside it. libcurl is opened with dlopen so that
// the program builds with `swiftc` alone.
import Foundation

guard let curl = dlopen("libcurl.so.4", RTLD_NOW), let symbol = dlsym(curl, "curl_global_init") else {
    FileHandle.standardError.write(Data("runtime-floor: cannot load libcurl.so.4\n".utf8))
    exit(1)
}
typealias GlobalInit = @convention(c) (Int) -> Int32
let curlGlobalAll = 3
guard unsafeBitCast(symbol, to: GlobalInit.self)(curlGlobalAll) == 0 else { exit(1) }
print("runtime floor: Foundation and libcurl loaded at \(Date())")
Thread.sleep(forTimeInterval: 1)  // long enough for the sampler to read it
