Console.WriteLine("runner: not wired yet");
