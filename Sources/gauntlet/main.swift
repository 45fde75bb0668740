print("gauntlet")
