"""factquiz: facts in Chinese articles → question banks → exam papers, a host console, exports."""

__version__ = "0.1.0"
