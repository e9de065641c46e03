from bcngv.cli import main

main()
