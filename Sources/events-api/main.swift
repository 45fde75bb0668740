print("events-api")
