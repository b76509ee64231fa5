from samplan.cli import main

main()
