// empty: returns at once; see Empty.csproj.
return 0;
