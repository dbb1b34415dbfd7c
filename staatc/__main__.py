from staatc.cli import main

main()
