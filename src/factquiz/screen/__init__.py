"""The room's views of a competition: the audience screen (大屏) and phone buzzers (选手端), served over HTTP.

``audience`` turns a host State into what the room may see (pure); ``buzzers``
decides what a phone's press means (pure but for an injected clock);
``server`` serves both and pushes every change. The web never changes the
competition itself: a phone's buzz becomes a ``Buzz`` event that the console
sends through its Session, so it is journaled like a key press.
"""
