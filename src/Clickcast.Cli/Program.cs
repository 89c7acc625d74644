Console.WriteLine("clickcast");
