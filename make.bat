@echo off
rem The edition's commands on Windows: make.bat html, make.bat test, ...
rem (make.bat help lists them). Like the Makefile, every target runs
rem tools\edition_make.py: the logic lives there, once.
rem Settings follow the target, as make's variables do:
rem   make.bat html "SPHINXOPTS=-W -n"     make.bat html PYTHON=C:\Python313\python.exe
rem   make.bat doctor TARGET=latexpdf      make.bat bench BENCH_QUICK=1
rem   make.bat status ROOT=tests\roots\test-fullsize
rem tests/test_first_run.py keeps TARGETS in step with the Makefile and the script.
setlocal
set TARGETS=help html test test-quick latexpdf epub text tei dirhtml latex rtd status livehtml linkcheck doctor venv clean bench screenshots packet import-original align guide-screenshots
pushd "%~dp0"

set GOAL=%~1
if "%GOAL%"=="" set GOAL=help
set KNOWN=
for %%t in (%TARGETS%) do if /i "%GOAL%"=="%%t" set KNOWN=1
if not defined KNOWN goto unknown

rem Any Python 3.8 or newer runs the script; it finds or provisions the one
rem the edition needs. The py launcher first; "python" may be the Microsoft
rem Store's placeholder, which only opens the Store: running each one tells.
rem Without either, uv (if installed) runs the script on its own Python.
set PROBE=import sys; sys.exit(sys.version_info ^< (3, 8))
set BOOT=py -3
%BOOT% -c "%PROBE%" >nul 2>nul
if not errorlevel 1 goto found
set BOOT=python
%BOOT% -c "%PROBE%" >nul 2>nul
if not errorlevel 1 goto found
set BOOT=uv run --no-project --python 3.13 python
uv --version >nul 2>nul
if not errorlevel 1 goto found
goto nopython

:found
if "%~1"=="" goto help
%BOOT% tools\edition_make.py %*
goto done
:help
%BOOT% tools\edition_make.py help
goto done

:unknown
echo error: no target "%GOAL%"; make.bat help lists them
popd
exit /b 2

:nopython
echo error: no Python on PATH. Install one, then run make.bat %GOAL% again:
echo   winget install Python.Python.3.13     (or the installer from python.org)
echo   or: winget install astral-sh.uv       (make.bat then runs with uv's Python)
popd
exit /b 1

:done
set CODE=%ERRORLEVEL%
popd
exit /b %CODE%
